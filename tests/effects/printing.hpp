#pragma once

#include <ostream>

#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/mac.hpp"

// How Boost.Test prints oracle values in failure messages.
namespace ctrlab::oracle {

inline std::ostream& operator<<(std::ostream& out, const CommandOutcome& outcome) {
  return out << "{exit " << outcome.exit_status << ", \"" << outcome.message << "\"}";
}

inline std::ostream& operator<<(std::ostream& out, const MacAddress& mac) { return out << mac.to_string(); }

}  // namespace ctrlab::oracle
