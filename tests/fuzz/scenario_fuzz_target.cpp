// The fuzz target: any bytes as a scenario file, through everything the oracle does with one
// (parse, then for every revision predict, the JSON and text it prints, the network effects
// and the file system). Bad input must end in a ScenarioError; anything else (another
// exception, a crash, a sanitizer report, a hang) is a bug the fuzzer reports.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle.hpp"
#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/filesystem.hpp"
#include "ctrlab/oracle/host_network.hpp"

namespace {

using namespace ctrlab::oracle;

void predict_everything(const Scenario& scenario) {
  const HostNetwork host = host_network_of(scenario.host);
  for (const Revision revision : all_revisions) {
    const Prediction prediction = predict(scenario, revision);
    static_cast<void>(to_json(prediction).dump());
    static_cast<void>(summary_text(prediction));
    if (prediction.error) continue;
    const NetworkEffects effects = predict_effects(prediction, host);
    static_cast<void>(describe(effects));
    static_cast<void>(nlohmann::json(effects).dump());
    static_cast<void>(describe(predict_filesystems(prediction)));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // As ctrlab predict reads a file: strictly, and leniently (unknown options kept for the
  // module to refuse).
  for (const bool strict : {true, false}) {
    try {
      predict_everything(parse_scenario_file(text, {.rejectUnknownOptions = strict}));
    } catch (const ScenarioError&) {
      // Refused with a JSON path: what bad input must come to.
    }
  }
  return 0;
}
