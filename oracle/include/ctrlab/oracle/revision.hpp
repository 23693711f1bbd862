#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace ctrlab::oracle {

// A revision of the NixOS container module that the oracle models (docs/design.md says what
// sets each apart).
enum class Revision { r2014, r2018, r2021, r2022 };

inline constexpr std::array<Revision, 4> all_revisions = {Revision::r2014, Revision::r2018, Revision::r2021,
                                                          Revision::r2022};

// The newest revision: the default when a command is not told which one.
inline constexpr Revision newest_revision = Revision::r2022;

[[nodiscard]] std::string_view to_string(Revision revision);
[[nodiscard]] std::optional<Revision> parse_revision(std::string_view text);

}  // namespace ctrlab::oracle
