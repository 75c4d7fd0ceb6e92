#!/usr/bin/env bash
# Runs only the given test files (the config's spec list would otherwise add the whole suite).
exec npx mocha --no-config --node-option import=@swc-node/register/esm-register --extension ts --timeout 20000 --exit "$@"
