#!/usr/bin/env bash
# Installs what the tests need, starts a throwaway PostgreSQL on loopback, runs every test project, and prints
# one line "N passed, N failed, N skipped" from the test results. Exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# What the tests need from Debian: PostgreSQL's server, Debian's CNI plugins (the real peers of the privileged
# tests), ping/arping for the namespace tests, a C toolchain with zlib for the Native AOT plugin, podman and containerd.
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/lib/cni/macvlan ] || need+=(containernetworking-plugins)
command -v ping >/dev/null || need+=(iputils-ping)
command -v arping >/dev/null || need+=(arping)
command -v ndisc6 >/dev/null || need+=(ndisc6)
command -v gcc >/dev/null || need+=(gcc)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
# podman (CNI backend) with runc, containerd (ctr run --cni), and busybox as the containers' root filesystem: the
# runtime tier of the CNI tests.
command -v podman >/dev/null || need+=(podman)
command -v runc >/dev/null || need+=(runc)
[ -x /bin/busybox ] || need+=(busybox-static)
command -v containerd >/dev/null || need+=(containerd)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing ${need[*]} (apt-get)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null \
            || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null; }
    else
        echo "missing: ${need[*]}; run 'sudo apt-get install ${need[*]}' and try again" >&2
        exit 2
    fi
fi

results="$root/.artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

pg=$("$root/Tests/postgres.sh" start) || { echo "could not start PostgreSQL (see above)" >&2; echo "0 passed, 1 failed"; exit 1; }
trap '"$root/Tests/postgres.sh" stop >/dev/null 2>&1' EXIT
export SPIDERPOOL_TEST_POSTGRES="$pg"

dotnet build Spiderpool.sln -nologo -v q
build=$?
format=0
if [ $build -eq 0 ]; then
    # Code style beyond what the build enforces (whitespace, import order): the tree must be as dotnet format leaves it.
    dotnet format Spiderpool.sln --verify-no-changes --no-restore -v q || format=1
fi
if [ $build -eq 0 ]; then
    # The privileged tests run the real Native AOT plugin; publish it once for all of them.
    dotnet publish Cni/Plugin/Plugin.csproj -c Release -r linux-x64 -o "$root/.artifacts/plugin" -nologo -v q
    build=$?
    export SPIDERPOOL_TEST_PLUGIN="$root/.artifacts/plugin/spiderpool"
fi
status=$build
if [ $build -eq 0 ]; then
    # One results file per test project, named after it (default names carry only a timestamp and can collide).
    for project in $(grep -l 'Microsoft.NET.Test.Sdk' Tests/*/*.csproj); do
        name=$(basename "$project" .csproj)
        dotnet test "$project" --no-build -nologo -v q --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
    done
fi

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    passed=$((passed + $(get passed)))
    failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
    skipped=$((skipped + $(get notExecuted)))
done

if [ $format -ne 0 ]; then
    echo "dotnet format --verify-no-changes found changes to make (run 'dotnet format Spiderpool.sln')"
    failed=$((failed + 1))
fi
if [ $build -ne 0 ]; then
    echo "the build failed (see above)"
    failed=$((failed + 1))
elif [ $status -ne 0 ] && [ $failed -eq 0 ]; then
    # dotnet test failed without a failed test in the results (a crashed test host, say): count it.
    echo "dotnet test exited with $status"
    failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
