#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace ctrlab::sim {

// A signal number with Linux's generic numbering (x86, arm) and glibc's SIGRTMIN of 34,
// as systemd's signal_from_string() and nspawn's --kill-signal see them.
struct Signal {
  int number = 0;
  friend auto operator<=>(const Signal&, const Signal&) = default;
};

namespace signals {
inline constexpr Signal hangup{1};
inline constexpr Signal interrupt{2};
inline constexpr Signal quit{3};
inline constexpr Signal abort{6};
inline constexpr Signal kill{9};
inline constexpr Signal user1{10};
inline constexpr Signal segv{11};
inline constexpr Signal pipe{13};
inline constexpr Signal terminate{15};
inline constexpr Signal child{17};
inline constexpr Signal cont{18};
inline constexpr Signal stop{19};
inline constexpr Signal urgent{23};
inline constexpr Signal window_change{28};
inline constexpr Signal rtmin{34};
inline constexpr Signal rtmax{64};
// What nspawn --boot sends to the container's init to halt it, and what NixOS passes as
// --kill-signal since 2021.
inline constexpr Signal rtmin_plus_3{37};
inline constexpr Signal rtmin_plus_4{38};
}  // namespace signals

// "SIGTERM", "TERM", "15", "SIGRTMIN+3", "RTMIN+3", "RTMAX-1"; nullopt for anything else.
[[nodiscard]] std::optional<Signal> parse_signal(std::string_view text);
// "SIGTERM", "SIGRTMIN+3", or the number for one without a name.
[[nodiscard]] std::string signal_name(Signal signal);

// What a process that installed no handler does on receiving the signal (signal(7)).
enum class DefaultAction { terminate, core_dump, ignore, stop, resume };
[[nodiscard]] DefaultAction default_action(Signal signal);

}  // namespace ctrlab::sim
