#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ctrlab::oracle {

// A revision of the NixOS container module that the oracle models (docs/design.md says what
// sets each apart).
enum class Revision { r2014, r2018, r2021, r2022, r2025 };

inline constexpr std::array<Revision, 5> all_revisions = {Revision::r2014, Revision::r2018, Revision::r2021,
                                                          Revision::r2022, Revision::r2025};

// The newest revision: the default when a command is not told which one.
inline constexpr Revision newest_revision = Revision::r2025;

[[nodiscard]] std::string_view to_string(Revision revision);
[[nodiscard]] std::optional<Revision> parse_revision(std::string_view text);

// Every revision's name, for messages and help: "2014, 2018, 2021, 2022 or 2025".
[[nodiscard]] std::string revision_names();

}  // namespace ctrlab::oracle
