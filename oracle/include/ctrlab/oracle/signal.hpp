#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

// Signals as systemd names and reads them (KillSignal=, `systemctl show`, exit-status lists,
// nspawn's --kill-signal=): Linux's generic numbering (x86, arm) with glibc's SIGRTMIN of 34
// and SIGRTMAX of 64.
namespace ctrlab::oracle {

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
// What nspawn --boot sends the container's init to halt it, and what NixOS passes as
// --kill-signal since 2021.
inline constexpr Signal rtmin_plus_3{37};
// What a NixOS system's systemd powers off on (the 2018 module's preStop sends it).
inline constexpr Signal rtmin_plus_4{38};
}  // namespace signals

// Reads a signal as systemd's signal_from_string() does: a number 1-64 (leading whitespace and
// '+' allowed: "  +5"), or a name with or without "SIG": "TERM", "SIGTERM", "RTMIN", "RTMIN+3",
// "RTMAX", "RTMAX-1" (offsets 0-30, digits only). Names are case-sensitive; "SIG3" is nothing.
[[nodiscard]] std::optional<Signal> parse_signal(std::string_view text);

// systemd's name with "SIG": "SIGTERM", "SIGRTMIN+3" (every real-time signal counts from
// SIGRTMIN: "SIGRTMIN+0", "SIGRTMIN+30"); the bare number for anything else.
[[nodiscard]] std::string signal_name(Signal signal);

// What a process that installed no handler does on receiving the signal (signal(7)).
enum class DefaultAction { terminate, core_dump, ignore, stop, resume };
[[nodiscard]] DefaultAction default_action(Signal signal);

}  // namespace ctrlab::oracle
