#include "scenario/nspawn_argv.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace ctrlab::runner::nspawn_argv {
namespace {

// Options of systemd-nspawn 252 that take a separate argument (getopt's required_argument);
// options with an optional argument only accept `--opt=value`.
constexpr std::array<std::string_view, 9> short_with_argument = {"-D", "-u", "-M", "-S", "-E", "-p", "-i", "-L", "-Z"};
constexpr std::array<std::string_view, 51> long_with_argument = {
    "--directory", "--template", "--user", "--machine", "--hostname", "--uuid", "--slice", "--setenv",
    "--bind", "--bind-ro", "--tmpfs", "--overlay", "--overlay-ro", "--inaccessible", "--network-interface",
    "--network-macvlan", "--network-ipvlan", "--network-veth-extra", "--network-bridge", "--network-zone",
    "--network-namespace-path", "--personality", "--image", "--port", "--property", "--kill-signal",
    "--settings", "--chdir", "--pivot-root", "--notify-ready", "--root-hash", "--root-hash-sig",
    "--verity-data", "--system-call-filter", "--rlimit", "--oom-score-adjust", "--cpu-affinity",
    "--resolv-conf", "--timezone", "--link-journal", "--capability", "--drop-capability", "--selinux-context",
    "--selinux-apifs-context", "--register", "--console", "--oci-bundle", "--no-new-privileges",
    "--load-credential", "--set-credential", "--bind-user"};

bool takes_separate_argument(std::string_view arg) {
  if (arg.find('=') != std::string_view::npos) return false;
  const auto in = [&](const auto& names) { return std::find(names.begin(), names.end(), arg) != names.end(); };
  return in(short_with_argument) || in(long_with_argument);
}

}  // namespace

std::optional<std::size_t> command_index(const oracle::Argv& argv) {
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") return i + 1 < argv.size() ? std::optional(i + 1) : std::nullopt;
    if (!arg.starts_with("-") || arg == "-") return i;
    if (takes_separate_argument(arg)) ++i;
  }
  return std::nullopt;
}

std::optional<std::string> option_value(const oracle::Argv& argv, std::string_view short_name,
                                        std::string_view long_name) {
  std::optional<std::string> value;
  const auto end = command_index(argv).value_or(argv.size());
  for (std::size_t i = 1; i < end; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == short_name || arg == long_name) && i + 1 < end) {
      value = argv[++i];
    } else if (arg.starts_with(std::string(long_name) + "=")) {
      value = std::string(arg.substr(long_name.size() + 1));
    } else if (takes_separate_argument(arg)) {
      ++i;
    }
  }
  return value;
}

std::optional<std::string> bind_source(const oracle::Argv& argv, std::string_view destination) {
  std::optional<std::string> source;
  const auto end = command_index(argv).value_or(argv.size());
  for (std::size_t i = 1; i < end; ++i) {
    std::string_view arg = argv[i];
    for (const std::string_view prefix : {"--bind=", "--bind-ro="}) {
      if (!arg.starts_with(prefix)) continue;
      const auto spec = arg.substr(prefix.size());
      const auto colon = spec.find(':');
      const auto from = spec.substr(0, colon);
      const auto to = colon == std::string_view::npos ? from : spec.substr(colon + 1, spec.find(':', colon + 1) - colon - 1);
      if (to == destination) source = std::string(from);
    }
    if (takes_separate_argument(arg)) ++i;
  }
  return source;
}

}  // namespace ctrlab::runner::nspawn_argv
