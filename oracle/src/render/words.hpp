#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "ctrlab/oracle/prediction.hpp"

// Building strings and argvs without temporaries: predict() makes millions of these, and
// a braced list of std::string would copy every word once more.
namespace ctrlab::oracle::render {

// The pieces joined, allocated once.
template <class... Pieces>
[[nodiscard]] std::string concat(const Pieces&... pieces) {
  std::string out;
  out.reserve((std::string_view(pieces).size() + ...));
  (out.append(std::string_view(pieces)), ...);
  return out;
}

// An argv from words; std::string arguments are moved in.
template <class... Words>
[[nodiscard]] Argv argv_of(Words&&... words) {
  Argv argv;
  argv.reserve(sizeof...(Words));
  (argv.emplace_back(std::forward<Words>(words)), ...);
  return argv;
}

// A list of strings (unit values such as wantedBy); std::string arguments are moved in.
template <class... Strings>
[[nodiscard]] std::vector<std::string> strings_of(Strings&&... strings) {
  return argv_of(std::forward<Strings>(strings)...);
}

}  // namespace ctrlab::oracle::render
