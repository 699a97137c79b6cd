#!/usr/bin/env bash
# The quality gates that run before the tests (a formatter, linters, a security scan and a package audit, in .NET
# terms), one summary line each; exits non-zero when a gate fails.
#   style:   dotnet format whitespace --verify-no-changes here; the code-style rules (.editorconfig, at warning) are
#            enforced by every build (EnforceCodeStyleInBuild), so test.sh's build checks them
#   lint:    the SDK's analyzers at a pinned AnalysisLevel, all security rules on src/, warnings as errors: they run
#            in every build, so test.sh's build is this gate (see Directory.Build.props and .editorconfig)
#   vulnerable packages: dotnet list package --vulnerable --include-transitive, when the NuGet feed can answer
set -uo pipefail
cd "$(dirname "$0")/.."

solution=SpotifyDashboard.slnx
failed=0
started=$SECONDS

# The package audit reads the restored projects (test.sh's restore is then a no-op).
if ! dotnet restore "$solution" --verbosity quiet; then
  echo "quality gates: restore failed, no gate could run" >&2
  exit 1
fi

# --- style -------------------------------------------------------------------------------------------------------
step=$SECONDS
# Whitespace needs neither compilation nor the projects (--folder reads the files with .editorconfig); the style rules
# are checked by the build, which would otherwise compile the whole solution here a second time (two minutes on two
# cores).
if dotnet format whitespace --folder --verify-no-changes --exclude '**/obj/**' '**/bin/**'; then
  echo "style: passed (dotnet format whitespace --verify-no-changes, $((SECONDS - step)) s; code style: in the build)"
else
  echo "style: FAILED: the files listed above are not as dotnet format leaves them; run 'dotnet format $solution' and commit"
  failed=1
fi

# --- lint --------------------------------------------------------------------------------------------------------
level=$(sed -n 's:.*<AnalysisLevel>\(.*\)</AnalysisLevel>.*:\1:p' Directory.Build.props)
echo "lint: runs in test.sh's build (AnalysisLevel ${level:-?}, security rules all on src/, warnings as errors)"

# --- vulnerable packages ---------------------------------------------------------------------------------------
# The rows of the "vulnerable packages" tables ("   > Name  [requested]  resolved  severity  advisory"), once each.
vulnerable_rows() { grep -aE '^[[:space:]]*>[[:space:]]' | sed -E 's/^[[:space:]]*>[[:space:]]*//; s/[[:space:]]+/ /g' | sort -u; }

# A feed without vulnerability data answers "no vulnerable packages" for anything, so first ask about a package with
# a published advisory (Newtonsoft.Json 12.0.1, GHSA-5crp-9r3c-p9vr): only if it is flagged does a clean answer mean
# something.
step=$SECONDS
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
# Empty Directory.*.props stop MSBuild from picking up whatever lies above the temporary folder.
echo '<Project />' > "$probe/Directory.Build.props"
echo '<Project />' > "$probe/Directory.Packages.props"
cat > "$probe/probe.csproj" <<'PROBE'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <NuGetAudit>false</NuGetAudit>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="12.0.1" />
  </ItemGroup>
</Project>
PROBE

if ! dotnet restore "$probe/probe.csproj" --verbosity quiet >"$probe/restore.log" 2>&1; then
  echo "vulnerable packages: could not run: the probe package could not be restored (is the NuGet feed reachable?); not counted as a failure"
elif ! dotnet list "$probe/probe.csproj" package --vulnerable --include-transitive >"$probe/probe.log" 2>&1; then
  echo "vulnerable packages: could not run: the NuGet feed did not answer the vulnerability query ($(grep -aim1 'error' "$probe/probe.log")); not counted as a failure"
elif ! vulnerable_rows <"$probe/probe.log" | grep -q '^Newtonsoft\.Json '; then
  echo "vulnerable packages: could not run: this machine's NuGet feed serves no vulnerability data (Newtonsoft.Json 12.0.1, which has a published advisory, was not flagged); not counted as a failure"
elif ! dotnet list "$solution" package --vulnerable --include-transitive >"$probe/solution.log" 2>&1; then
  echo "vulnerable packages: could not run: the query for the solution failed ($(grep -aim1 'error' "$probe/solution.log")); not counted as a failure"
else
  found=$(vulnerable_rows <"$probe/solution.log")
  if [ -z "$found" ]; then
    echo "vulnerable packages: passed (none known, direct or transitive, $((SECONDS - step)) s)"
  else
    echo "vulnerable packages: FAILED: $(echo "$found" | awk '{print $1}' | sort -u | paste -sd, - | sed 's/,/, /g')"
    echo "$found" | sed 's/^/  /'
    failed=1
  fi
fi

echo "quality gates: $([ "$failed" -eq 0 ] && echo passed || echo FAILED) in $((SECONDS - started)) s"
exit "$failed"
