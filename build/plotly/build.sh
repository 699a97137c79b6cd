#!/usr/bin/env bash
# Builds the two plotly.js bundles the web serves, from the npm package pinned in package-lock.json:
#   plotly-<version>-2d.min.js  the traces the 2D charts draw (entries/plotly-2d.js)
#   plotly-<version>-3d.min.js  the same and the 3D scatter (entries/plotly-3d.js), for the pages with a 3D view
# into src/SpotifyDashboard.Web/wwwroot/lib/plotly/, where they are committed: building and testing the app needs no npm.
# Each is a minified IIFE that sets window.Plotly. The same lock file gives the same bytes. The one CSS import
# (maplibre's, for map traces we do not register) is left out.
# After a plotly upgrade, change PlotlyBundles.Version (src/SpotifyDashboard.Web/Components/Controls/Chart) to match.
set -euo pipefail
cd "$(dirname "$0")"
out=../../src/SpotifyDashboard.Web/wwwroot/lib/plotly
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
version=$(node -p "require('plotly.js/package.json').version")
rm -rf "$out"
mkdir -p "$out"
for bundle in 2d 3d; do
  npx esbuild "entries/plotly-$bundle.js" --bundle --minify --format=iife --global-name=Plotly --target=es2016 \
    --loader:.css=empty --define:global=window --define:define.amd=false --define:process.env.NODE_DEBUG=false \
    --legal-comments=none --banner:js="/*! plotly.js $version (MIT license, https://github.com/plotly/plotly.js), $bundle traces only: build/plotly/build.sh */" \
    --log-level=warning --outfile="$out/plotly-$version-$bundle.min.js"
done
ls -l "$out"
