#!/bin/sh
# A linter that never finishes (for the timeout test of the language server).
exec sleep 60
