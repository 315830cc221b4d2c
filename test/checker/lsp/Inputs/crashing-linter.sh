#!/bin/sh
# A linter that crashes (for the crash test of the language server).
kill -SEGV $$
