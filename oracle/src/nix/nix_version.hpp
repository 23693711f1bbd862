#pragma once

#include <string_view>

// builtins.compareVersions and lib's versionAtLeast/versionOlder.
namespace ctrlab::oracle::nix {

// -1, 0 or 1, as Nix orders version strings ("5.8" < "5.8.0" < "5.10", "2.3a" < "2.3.1", "1.0pre" < "1.0").
[[nodiscard]] int compare_versions(std::string_view a, std::string_view b);

[[nodiscard]] inline bool version_at_least(std::string_view version, std::string_view minimum) {
  return compare_versions(version, minimum) >= 0;
}
[[nodiscard]] inline bool version_older(std::string_view version, std::string_view than) {
  return compare_versions(version, than) < 0;
}

}  // namespace ctrlab::oracle::nix
