#include "render/module_text.hpp"

// The module's own indented strings, copied from each revision's nixos-containers.nix
// (containers.nix in 2014; docs/design.md lists the revisions) with their layout intact; each Nix expression is replaced by the name ctrlab binds (see
// nix/indented_string.hpp). 2022 renders these exactly as 2021 does (its diff against 2021
// does not touch them); 2018's source reached the project without its indentation, which
// these texts keep as it is.
namespace ctrlab::oracle::render::module_text {

const std::string_view env_file_2018 = R"nix(
SYSTEM_PATH=${path}
${optionalString privateNetwork ''
PRIVATE_NETWORK=1
${optionalString hasHostBridge ''
HOST_BRIDGE=${hostBridge}
''}
${optionalString hasForwardPorts ''
HOST_PORT=${hostPort}
''}
${optionalString hasHostAddress ''
HOST_ADDRESS=${hostAddress}
''}
${optionalString hasHostAddress6 ''
HOST_ADDRESS6=${hostAddress6}
''}
${optionalString hasLocalAddress ''
LOCAL_ADDRESS=${localAddress}
''}
${optionalString hasLocalAddress6 ''
LOCAL_ADDRESS6=${localAddress6}
''}
''}
INTERFACES="${interfaces}"
MACVLANS="${macvlans}"
${optionalString autoStart ''
AUTO_START=1
''}
EXTRA_NSPAWN_FLAGS="${extraNspawnFlags}"
)nix";

const std::string_view env_file_2021 = R"nix(
            SYSTEM_PATH=${path}
            ${optionalString privateNetwork ''
              PRIVATE_NETWORK=1
              ${optionalString hasHostBridge ''
                HOST_BRIDGE=${hostBridge}
              ''}
              ${optionalString hasForwardPorts ''
                HOST_PORT=${hostPort}
              ''}
              ${optionalString hasHostAddress ''
                HOST_ADDRESS=${hostAddress}
              ''}
              ${optionalString hasHostAddress6 ''
                HOST_ADDRESS6=${hostAddress6}
              ''}
              ${optionalString hasLocalAddress ''
                LOCAL_ADDRESS=${localAddress}
              ''}
              ${optionalString hasLocalAddress6 ''
                LOCAL_ADDRESS6=${localAddress6}
              ''}
            ''}
            INTERFACES="${interfaces}"
            MACVLANS="${macvlans}"
            ${optionalString autoStart ''
              AUTO_START=1
            ''}
            EXTRA_NSPAWN_FLAGS="${extraNspawnFlags}"
          )nix";

const std::string_view init_extra_veth_2018 = R"nix(
echo "Bringing ${name} up"
ip link set dev ${name} up
${optionalString hasLocalAddress ''
echo "Setting ip for ${name}"
ip addr add ${localAddress} dev ${name}
''}
${optionalString hasLocalAddress6 ''
echo "Setting ip6 for ${name}"
ip -6 addr add ${localAddress6} dev ${name}
''}
${optionalString hasHostAddress ''
echo "Setting route to host for ${name}"
ip route add ${hostAddress} dev ${name}
''}
${optionalString hasHostAddress6 ''
echo "Setting route6 to host for ${name}"
ip -6 route add ${hostAddress6} dev ${name}
''}
)nix";

const std::string_view init_extra_veth_2021 = R"nix(
        echo "Bringing ${name} up"
        ip link set dev ${name} up
        ${optionalString hasLocalAddress ''
          echo "Setting ip for ${name}"
          ip addr add ${localAddress} dev ${name}
        ''}
        ${optionalString hasLocalAddress6 ''
          echo "Setting ip6 for ${name}"
          ip -6 addr add ${localAddress6} dev ${name}
        ''}
        ${optionalString hasHostAddress ''
          echo "Setting route to host for ${name}"
          ip route add ${hostAddress} dev ${name}
        ''}
        ${optionalString hasHostAddress6 ''
          echo "Setting route6 to host for ${name}"
          ip -6 route add ${hostAddress6} dev ${name}
        ''}
        )nix";

const std::string_view container_init_2018 = R"nix(
#! ${runtimeShell} -e

# Initialise the container side of the veth pair.
if [ "$PRIVATE_NETWORK" = 1 ]; then

ip link set host0 name eth0
ip link set dev eth0 up

if [ -n "$LOCAL_ADDRESS" ]; then
ip addr add $LOCAL_ADDRESS dev eth0
fi
if [ -n "$LOCAL_ADDRESS6" ]; then
ip -6 addr add $LOCAL_ADDRESS6 dev eth0
fi
if [ -n "$HOST_ADDRESS" ]; then
ip route add $HOST_ADDRESS dev eth0
ip route add default via $HOST_ADDRESS
fi
if [ -n "$HOST_ADDRESS6" ]; then
ip -6 route add $HOST_ADDRESS6 dev eth0
ip -6 route add default via $HOST_ADDRESS6
fi

${extraVeths}
fi

# Start the regular stage 1 script.
exec "$1"
)nix";

const std::string_view container_init_2021 = R"nix(
        #! ${runtimeShell} -e

        # Exit early if we're asked to shut down.
        trap "exit 0" SIGRTMIN+3

        # Initialise the container side of the veth pair.
        if [ -n "$HOST_ADDRESS" ]   || [ -n "$HOST_ADDRESS6" ]  ||
           [ -n "$LOCAL_ADDRESS" ]  || [ -n "$LOCAL_ADDRESS6" ] ||
           [ -n "$HOST_BRIDGE" ]; then
          ip link set host0 name eth0
          ip link set dev eth0 up

          if [ -n "$LOCAL_ADDRESS" ]; then
            ip addr add $LOCAL_ADDRESS dev eth0
          fi
          if [ -n "$LOCAL_ADDRESS6" ]; then
            ip -6 addr add $LOCAL_ADDRESS6 dev eth0
          fi
          if [ -n "$HOST_ADDRESS" ]; then
            ip route add $HOST_ADDRESS dev eth0
            ip route add default via $HOST_ADDRESS
          fi
          if [ -n "$HOST_ADDRESS6" ]; then
            ip -6 route add $HOST_ADDRESS6 dev eth0
            ip -6 route add default via $HOST_ADDRESS6
          fi
        fi

        ${extraVeths}

        # Start the regular stage 2 script.
        # We source instead of exec to not lose an early stop signal, which is
        # also the only _reliable_ shutdown signal we have since early stop
        # does not execute ExecStop* commands.
        set +e
        . "$1"
      )nix";

const std::string_view reload_container_2018 = R"nix(
#! ${runtimeShell} -e
${nixosContainer}/bin/nixos-container run "$INSTANCE" -- \
bash --login -c "''${SYSTEM_PATH:-/nix/var/nix/profiles/system}/bin/switch-to-configuration test"
)nix";

const std::string_view reload_container_2021 = R"nix(
        #! ${runtimeShell} -e
        ${nixosContainer}/bin/nixos-container run "$INSTANCE" -- \
          bash --login -c "''${SYSTEM_PATH:-/nix/var/nix/profiles/system}/bin/switch-to-configuration test"
      )nix";

}  // namespace ctrlab::oracle::render::module_text
