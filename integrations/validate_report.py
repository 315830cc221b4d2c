#!/usr/bin/env python3
"""Validates vmap-tidy's reports: SARIF 2.1.0 logs and GitLab Code Quality.

Each file is checked against its JSON schema (draft 2020-12, with Python
jsonschema) and then against what its consumer needs beyond the schema:

  sarif         GitHub code scanning: every result names a rule of the run
                (ruleId, and ruleIndex pointing at it), has a physical
                location with a region, and partialFingerprints; every rule
                has an absolute help URI; every code-flow step is located.
  code-quality  GitLab: one issue per fingerprint, so fingerprints are unique.

Usage: validate_report.py --kind sarif|code-quality --schema S FILE...
Prints "<file>: valid ..." per valid file; exit 0 when all are valid, 1 when
one is not, 2 when the validator cannot run.
"""

import argparse
import json
import sys
import urllib.parse

try:
    import jsonschema
except ImportError:
    sys.exit("validate: error: Python jsonschema is missing; run scripts/bootstrap")

VALID = {"sarif": "valid SARIF 2.1.0", "code-quality": "valid Code Quality report"}
NOT_SCHEMA = {"sarif": "does not match the SARIF 2.1.0 schema",
              "code-quality": "not a GitLab Code Quality report"}


def schema_errors(schema, instance):
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        yield "%s: %s" % (where, error.message)


def is_absolute_uri(text):
    parsed = urllib.parse.urlparse(text)
    return bool(parsed.scheme) and bool(parsed.netloc or parsed.path)


def located(location):
    """A location GitHub can show: an artifact and a region with a line."""
    physical = location.get("physicalLocation", {})
    region = physical.get("region", {})
    return ("uri" in physical.get("artifactLocation", {})
            and isinstance(region.get("startLine"), int))


def code_scanning_errors(log):
    for r, run in enumerate(log.get("runs", [])):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        ids = [rule.get("id") for rule in rules]
        for i, rule in enumerate(rules):
            if not is_absolute_uri(rule.get("helpUri", "")):
                yield "runs/%d/tool/driver/rules/%d: rule '%s' has no absolute helpUri" % (
                    r, i, rule.get("id"))
        for i, result in enumerate(run.get("results", [])):
            where = "runs/%d/results/%d" % (r, i)
            rule_id = result.get("ruleId")
            if rule_id not in ids:
                yield "%s: ruleId %r is not a rule of the run" % (where, rule_id)
            elif "ruleIndex" in result and ids[result["ruleIndex"]:][:1] != [rule_id]:
                yield "%s: ruleIndex %d does not point at rule '%s'" % (
                    where, result["ruleIndex"], rule_id)
            locations = result.get("locations", [])
            if not locations or not all(located(loc) for loc in locations):
                yield "%s: a location without an artifact and a region" % where
            fingerprints = result.get("partialFingerprints", {})
            if not fingerprints or not all(isinstance(v, str) and v
                                           for v in fingerprints.values()):
                yield "%s: no partialFingerprints" % where
            for f, flow in enumerate(result.get("codeFlows", [])):
                for t, thread in enumerate(flow.get("threadFlows", [])):
                    for s, step in enumerate(thread.get("locations", [])):
                        if not located(step.get("location", {})):
                            yield "%s/codeFlows/%d/threadFlows/%d/locations/%d: not located" % (
                                where, f, t, s)


def code_quality_errors(report):
    seen = set()
    for i, issue in enumerate(report):
        fingerprint = issue.get("fingerprint")
        if fingerprint in seen:
            yield "%d: repeated fingerprint %s" % (i, fingerprint)
        seen.add(fingerprint)


CONSUMER_CHECKS = {"sarif": code_scanning_errors, "code-quality": code_quality_errors}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=sorted(VALID), required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    try:
        with open(args.schema) as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        print("validate: error: cannot read the schema %s: %s" % (args.schema, e),
              file=sys.stderr)
        return 2
    status = 0
    for path in args.files:
        try:
            with open(path, encoding="utf-8") as f:
                document = json.load(f)
        except (OSError, ValueError) as e:
            print("%s: not JSON: %s" % (path, e), file=sys.stderr)
            status = 1
            continue
        errors = list(schema_errors(schema, document))
        if errors:
            print("%s: %s:" % (path, NOT_SCHEMA[args.kind]), file=sys.stderr)
        else:
            errors = list(CONSUMER_CHECKS[args.kind](document))
            if errors:
                print("%s: %d problem(s) for its consumer:" % (path, len(errors)),
                      file=sys.stderr)
        for error in errors:
            print("  " + error, file=sys.stderr)
        if errors:
            status = 1
        else:
            print("%s: %s" % (path, VALID[args.kind]))
    return status


if __name__ == "__main__":
    sys.exit(main())
