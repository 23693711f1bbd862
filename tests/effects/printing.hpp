#pragma once

#include <optional>
#include <ostream>

#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/kernel_state.hpp"
#include "ctrlab/oracle/mac.hpp"

// How Boost.Test prints oracle values in failure messages.
namespace ctrlab::oracle {

inline std::ostream& operator<<(std::ostream& out, const CommandOutcome& outcome) {
  return out << "{exit " << outcome.exit_status << ", \"" << outcome.message << "\"}";
}

inline std::ostream& operator<<(std::ostream& out, const MacAddress& mac) { return out << mac.to_string(); }

inline std::ostream& operator<<(std::ostream& out, const std::optional<MacAddress>& mac) {
  return mac ? out << *mac : out << "(kernel's choice)";
}

inline std::ostream& operator<<(std::ostream& out, LinkKind kind) { return out << to_string(kind); }

}  // namespace ctrlab::oracle
