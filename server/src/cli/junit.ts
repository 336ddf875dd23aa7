import { docsUrl } from '../core/check.js';
import { SEVERITIES, type Severity } from '../core/types.js';
import type { FileReport, JsonFinding } from '../node/report.js';

/**
 * JUnit XML for CI systems that read test reports (GitLab, Jenkins, Azure Pipelines,
 * CircleCI): one test case per file, passing when it has no finding at or above --fail-on,
 * else with one `<failure>` per such finding. Findings below that level are listed in the
 * test case's `<system-out>`. The structure is the one Jenkins' junit-10.xsd and GitLab's
 * unit-test reports read; no timestamps or durations, so a report depends on the files alone.
 */

/** XML 1.0 allows no control characters but tab and line breaks, and no lone surrogates. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xml(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function where(f: JsonFinding): string {
  const { start, end } = f.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

export function formatJunit(files: readonly FileReport[], failOn: Severity | 'never'): string {
  const threshold = failOn === 'never' ? -1 : SEVERITIES.indexOf(failOn);
  const failing = (f: JsonFinding): boolean => SEVERITIES.indexOf(f.severity) <= threshold;
  const cases: string[] = [];
  let failedCases = 0;
  for (const file of files) {
    const failures = file.findings.filter(failing);
    const others = file.findings.filter((f) => !failing(f));
    if (failures.length > 0) failedCases++;
    const body: string[] = [];
    for (const f of failures) {
      const detail = `${file.path}:${where(f)} ${f.severity} ${f.ruleId}\n${f.message}\n${docsUrl(f.ruleId)}`;
      body.push(`      <failure type="${xml(f.ruleId)}" message="${xml(`${f.range.start.line + 1}:${f.range.start.character + 1} ${oneLine(f.message)}`)}">${xml(detail)}</failure>`);
    }
    if (others.length > 0) {
      const lines = others.map((f) => `${file.path}:${where(f)} ${f.severity} ${f.ruleId} ${oneLine(f.message)}`);
      body.push(`      <system-out>${xml(lines.join('\n'))}</system-out>`);
    }
    const open = `    <testcase name="${xml(file.path)}" classname="marginalia"`;
    cases.push(body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`);
  }
  const counts = `tests="${files.length}" failures="${failedCases}" errors="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="marginalia" ${counts}>`,
    `  <testsuite name="marginalia" ${counts} skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
