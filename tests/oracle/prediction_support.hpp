#pragma once

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "ctrlab/oracle.hpp"

// Predicting small scenarios in tests, and looking into the prediction.
namespace prediction_support {

using namespace ctrlab::oracle;

inline Prediction predict_text(const std::string& text, Revision revision, bool lenient = false) {
  return predict(parse_scenario_file(text, {.rejectUnknownOptions = !lenient}), revision);
}

// One container `web` with the given options (a JSON object body) on a default host.
inline Prediction predict_web(const std::string& options, Revision revision, const std::string& host = "{}") {
  return predict_text(R"({ "host": )" + host + R"(, "containers": { "web": { "path": "/nix/var/nix/profiles/per-container/web")" +
                          (options.empty() ? "" : ", " + options) + " } } }",
                      revision);
}

// A copy, so that `const auto& c = web(predict_web(...))` outlives the prediction.
inline ContainerPrediction web(const Prediction& prediction) {
  BOOST_REQUIRE(!prediction.error);
  return prediction.containers.at("web");
}

inline bool contains(const Argv& argv, const std::string& word) {
  return std::find(argv.begin(), argv.end(), word) != argv.end();
}

inline bool has_note(const Prediction& prediction, const std::string& fragment) {
  for (const auto& [name, container] : prediction.containers) {
    for (const auto& note : container.notes) {
      if (note.message.find(fragment) != std::string::npos) return true;
    }
  }
  return false;
}

inline const std::string& text_value(const UnitSection& section, const std::string& key) {
  return std::get<std::string>(section.at(key));
}

}  // namespace prediction_support
