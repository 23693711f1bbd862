#include <iostream>

#include "commands.hpp"

namespace ctrlab::cli {
namespace {

int run_predict(const std::vector<std::string>&) {
  std::cerr << "ctrlab predict: not implemented yet\n";
  return 70;
}

}  // namespace

Command predict_command() {
  return {"predict", "predict what the module renders for a scenario", "usage: ctrlab predict SCENARIO.json\n",
          run_predict};
}

}  // namespace ctrlab::cli
