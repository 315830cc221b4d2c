#!/bin/sh
# A cheap stand-in for vmap-tidy in the storm test of the language server:
# it takes vmap-tidy's arguments, works for 50 ms, and exports one finding
# with a fix at the start of the file; a file named broken*.cpp gets a
# compiler error instead and exit code 1, like a file that does not parse.
exported= file=
while [ $# -gt 0 ]; do
  case "$1" in
    --export-fixes=*) exported=${1#--export-fixes=} ;;
    -p) shift ;;
    --) break ;;
    -*) ;;
    *) file=$1 ;;
  esac
  shift
done
sleep 0.05
case "$file" in
  */broken*.cpp) name=clang-diagnostic-error level=Error code=1 ;;
  *) name=vmap-batchnorm-running-stats level=Warning code=0 ;;
esac
cat > "$exported" <<YAML
---
MainSourceFile: '$file'
Diagnostics:
  - DiagnosticName: $name
    DiagnosticMessage:
      Message: 'a finding of the storm linter'
      FilePath: '$file'
      FileOffset: 0
      Replacements:
        - FilePath: '$file'
          Offset: 0
          Length: 0
          ReplacementText: '// fixed'
    Level: $level
    BuildDirectory: '/'
...
YAML
exit $code
