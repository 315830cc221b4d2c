#!/bin/sh
# A linter that records when it runs (for the concurrency test of the
# language server) and finds nothing.
echo start >> "$LINT_RECORD"
sleep 1
echo end >> "$LINT_RECORD"
