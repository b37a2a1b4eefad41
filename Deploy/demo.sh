#!/usr/bin/env bash
# The README's main command: Spiderpool on one machine, through the real CNI path.
# As root: builds the Native AOT `spiderpool` IPAM plugin and the NodeHost daemon, starts NodeHost with an embedded
# silo (state in a SQLite file in the work directory) that loads the pools in Deploy/samples, creates network
# namespaces as a node and three pods, runs Debian's `macvlan` plugin with our IPAM into them (IPv4, and dual stack),
# pings between two pods, kills NodeHost (SIGKILL) and starts it again on the same data, checks and deletes the pods
# (twice, to show DEL is idempotent), and cleans everything up.
# Not root: says what it skipped and runs the grain-level demo instead.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [ "$(id -u)" != 0 ]; then
    echo "Not root: skipping the CNI path (it needs network namespaces and Debian's macvlan plugin)."
    echo "Running the grain-level demo instead (pools, allocation, release without CNI):"
    exec dotnet run --project Silo -- demo
fi

need=()
[ -x /usr/lib/cni/macvlan ] || need+=(containernetworking-plugins)
command -v ping >/dev/null || need+=(iputils-ping)
# Native AOT links with the system C toolchain and zlib.
command -v gcc >/dev/null || need+=(gcc)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]} (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null; }
fi

work="$root/.artifacts/demo"
rm -rf "$work"; mkdir -p "$work/bin"
echo "== building the spiderpool plugin (Native AOT) and NodeHost"
dotnet publish Cni/Plugin/Plugin.csproj -c Release -r linux-x64 -o "$work/plugin" -nologo -v q
dotnet build NodeHost/Daemon/Daemon.csproj -c Release -nologo -v q

sock="$work/spiderpool.sock"
tag="spd$$"
node="$tag-node"
cleanup() {
    [ -n "${nodehost_pid:-}" ] && kill "$nodehost_pid" 2>/dev/null && wait "$nodehost_pid" 2>/dev/null || true
    for ns in "$tag-a" "$tag-b" "$tag-c" "$node"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }
# The embedded silo's state (pools, pod records) lives in $work/data/spiderpool.db; the default would be
# /var/lib/spiderpool. The work directory is wiped at the next run, and every pod is deleted at the end anyway.
start_nodehost() {
    Spiderpool__ManifestsDirectory="$root/Deploy/samples" Spiderpool__DataDirectory="$work/data" \
    Spiderpool__SiloPort=$(free_port) Spiderpool__GatewayPort=$(free_port) \
    NodeHost__SocketPath="$sock" NodeHost__CniBinDir="$work/bin" NodeHost__PluginSource="$work/plugin/spiderpool" NodeHost__NodeName=demo-node \
        dotnet NodeHost/Daemon/bin/Release/net10.0/Spiderpool.NodeHost.dll --embedded >> "$work/nodehost.log" 2>&1 &
    nodehost_pid=$!
}
wait_ready() {
    for _ in $(seq 1 60); do
        if echo '{"cniVersion":"1.1.0","name":"probe","type":"spiderpool","ipam":{"type":"spiderpool","ipam_unix_socket_path":"'"$sock"'"}}' \
            | CNI_COMMAND=STATUS "$work/bin/spiderpool" >/dev/null 2>&1; then return 0; fi
        kill -0 "$nodehost_pid" 2>/dev/null || { echo "NodeHost exited:"; tail -20 "$work/nodehost.log"; exit 1; }
        sleep 0.5
    done
    echo "NodeHost was not ready within 30 s:"; tail -20 "$work/nodehost.log"; exit 1
}
echo "== starting NodeHost --embedded (socket $sock, pools from Deploy/samples, state in $work/data)"
start_nodehost

conf() { # $1 = network name, $2 = ipam pools JSON fields
    printf '{"cniVersion":"1.0.0","name":"%s","type":"macvlan","master":"parent0","mode":"bridge","ipam":{"type":"spiderpool",%s,"ipam_unix_socket_path":"%s","log_file_path":"%s/plugin.log"}}' \
        "$1" "$2" "$sock" "$work"
}
v4conf=$(conf demo-v4 '"default_ipv4_ippool":["v4-blue"]')
dualconf=$(conf demo-dual '"default_ipv4_ippool":["v4-blue"],"default_ipv6_ippool":["v6-blue"]')
cni() { # $1 = command, $2 = pod, $3 = config; the plugin runs in the node's namespace, as kubelet's runtime would
    echo "$3" | ip netns exec "$node" env CNI_COMMAND="$1" CNI_CONTAINERID="ctr-$2" CNI_NETNS="/run/netns/$tag-$2" CNI_IFNAME=eth0 \
        CNI_PATH="$work/bin:/usr/lib/cni" CNI_ARGS="IgnoreUnknown=1;K8S_POD_NAMESPACE=demo;K8S_POD_NAME=pod-$2;K8S_POD_UID=uid-$2" /usr/lib/cni/macvlan
}

wait_ready
echo "   NodeHost is ready; plugin installed at $work/bin/spiderpool"

echo "== a node namespace with a parent interface, and three pod namespaces"
ip netns add "$node"
ip -n "$node" link add parent0 type veth peer name parent0-peer
ip -n "$node" link set parent0 up; ip -n "$node" link set parent0-peer up
for p in a b c; do ip netns add "$tag-$p"; done

echo "== CNI ADD (macvlan + spiderpool IPAM)"
a_result=$(cni ADD a "$v4conf" | tr -d ' \n'); echo "   pod-a: $a_result"
echo "   pod-b: $(cni ADD b "$v4conf" | tr -d ' \n')"
echo "   pod-c (dual stack): $(cni ADD c "$dualconf" | tr -d ' \n')"

a_ip=$(ip -n "$tag-a" -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1)
b_ip=$(ip -n "$tag-b" -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1)
echo "== ping from pod-a ($a_ip) to pod-b ($b_ip)"
ip netns exec "$tag-a" ping -c 3 -W 1 "$b_ip" | tail -2 | sed 's/^/   /'

echo "== killing NodeHost (SIGKILL) and starting it again on the same data directory"
kill -9 "$nodehost_pid"; wait "$nodehost_pid" 2>/dev/null || true
start_nodehost
wait_ready
echo "   NodeHost is back; what it answered before the kill is on disk"

# CHECK gets the ADD result as prevResult; our plugin compares it with what the cluster recorded (before the kill).
if cni CHECK a "${v4conf%\}},\"prevResult\":$a_result}"; then echo "== CNI CHECK pod-a: ok"; else echo "== CNI CHECK pod-a: FAILED"; fi
echo "== CNI DEL (each twice: the second finds nothing and succeeds)"
for p in a b; do cni DEL "$p" "$v4conf" && cni DEL "$p" "$v4conf" && echo "   pod-$p deleted"; done
cni DEL c "$dualconf" && echo "   pod-c deleted"
echo "== done; NodeHost log: $work/nodehost.log"
