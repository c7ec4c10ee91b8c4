/** DescribeRegions: the caller account's regions with their opt-in status. */
import { ApiError } from '../../api-error.js';
import { formList, parseForm } from '../../protocols/form.js';
import { el } from '../../protocols/xml.js';
import type { RequestContext } from '../../types.js';
import { bool } from '../../validate.js';

const spec = { AllRegions: bool(), DryRun: bool() };

interface RegionRow {
  regionName: string;
  regionEndpoint: string;
  optInStatus: string;
}

/** `Filter.N.Name` / `Filter.N.Value.M` pairs. */
function filters(params: URLSearchParams): { name: string; values: string[] }[] {
  const out: { name: string; values: string[] }[] = [];
  for (let i = 1; params.has(`Filter.${i}.Name`); i++) {
    out.push({ name: params.get(`Filter.${i}.Name`) ?? '', values: formList(params, `Filter.${i}.Value`) });
  }
  return out;
}

const FILTER_FIELDS: Record<string, keyof RegionRow> = {
  'opt-in-status': 'optInStatus',
  'region-name': 'regionName',
  endpoint: 'regionEndpoint',
};

/** Handles DescribeRegions. */
export function describeRegions(params: URLSearchParams, ctx: RequestContext): unknown {
  const input = parseForm(params, spec, 'InvalidParameterValue');
  const names = formList(params, 'RegionName');
  const regions = Object.entries(ctx.state.account(ctx.accountId)?.regions ?? {});
  let rows: RegionRow[] = regions
    .map(([name, r]) => ({
      regionName: name,
      regionEndpoint: `ec2.${name}.amazonaws.com`,
      optInStatus: r.optInStatus,
    }))
    .filter(
      (row) => input.AllRegions || row.optInStatus !== 'not-opted-in' || names.includes(row.regionName),
    );
  if (names.length) rows = rows.filter((row) => names.includes(row.regionName));
  for (const f of filters(params)) {
    const field = FILTER_FIELDS[f.name];
    if (!field) throw new ApiError(400, 'InvalidParameterValue', `The filter '${f.name}' is invalid`);
    rows = rows.filter((row) => f.values.includes(row[field]));
  }
  const items = rows
    .sort((a, b) => a.regionName.localeCompare(b.regionName))
    .map(
      (r) =>
        `<item>${el('regionName', r.regionName)}${el('regionEndpoint', r.regionEndpoint)}${el('optInStatus', r.optInStatus)}</item>`,
    );
  return `<regionInfo>${items.join('')}</regionInfo>`;
}
