#pragma once

#include <cerrno>
#include <cstring>
#include <string>

#include "ctrlab/runner/error.hpp"

namespace ctrlab::runner::sys {

// Throws RunnerError for the failed system call, with errno's text.
[[noreturn]] inline void throw_errno(std::string operation, int error_number = errno) {
  throw RunnerError(std::move(operation), std::strerror(error_number));
}

// Retries a system call interrupted by a signal handler (our handlers only set a flag).
template <typename Call>
auto retry_on_eintr(Call call) {
  for (;;) {
    auto result = call();
    if (result >= 0 || errno != EINTR) return result;
  }
}

}  // namespace ctrlab::runner::sys
