# Converts vmap-tidy's SARIF log into GitLab's Code Quality report: one issue
# per result. The fingerprint identifies a finding by check, file and
# message, not by line, so it survives edits above it.
[
  .runs[0] as $run
  | $run.results[]
  | (.locations[0].physicalLocation) as $where
  | {
      description: .message.text,
      check_name: .ruleId,
      fingerprint: ([.ruleId, $where.artifactLocation.uri, .message.text] | join("\u0000") | @base64),
      severity: (if .level == "error" then "major" else "minor" end),
      location: {
        path: $where.artifactLocation.uri,
        lines: { begin: $where.region.startLine }
      }
    }
]
