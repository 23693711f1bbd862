#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ctrlab/oracle/prediction.hpp"

// bash reads a script one complete command at a time and runs it before it reads the next;
// where it cannot read one (shell/bash_syntax.hpp) it prints why and exits 2, so the commands
// before it have run and nothing after it does. A compound command (if ... fi) is read whole:
// a line inside one it cannot read keeps all of the block from running.
namespace ctrlab::oracle::render {

class ScriptReading {
 public:
  ScriptReading(UnitScript script, std::vector<ScriptSyntaxError>& errors) : script_(script), errors_(errors) {}

  // Whether bash reads `source` (the part of the script the value of `option` is written
  // into); the first part it cannot read is recorded, and from then on it reads nothing.
  bool reads(std::string_view source, const std::string& option);
  [[nodiscard]] bool stopped() const { return stopped_; }

 private:
  UnitScript script_;
  std::vector<ScriptSyntaxError>& errors_;
  bool stopped_ = false;
};

}  // namespace ctrlab::oracle::render
