#include "shared_sandbox.hpp"

#include <boost/test/unit_test.hpp>
#include <memory>

#include "ctrlab/runner/scenario_runner.hpp"
#include "ctrlab/runner/tools.hpp"
#include "shared_runner.hpp"

namespace ctrlab::runner::testing {
namespace {

std::unique_ptr<Sandbox>& instance() {
  static std::unique_ptr<Sandbox> sandbox;
  return sandbox;
}

std::unique_ptr<ScenarioRunner>& runner_instance() {
  static std::unique_ptr<ScenarioRunner> runner;
  return runner;
}

struct TakeDownAtEnd {
  TakeDownAtEnd() = default;
  ~TakeDownAtEnd() {
    runner_instance().reset();
    instance().reset();
  }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(TakeDownAtEnd);

Sandbox& shared_sandbox() {
  if (!instance()) {
    SandboxOptions options;
    options.tools = {tools::locate(tools::probe_program), tools::locate(tools::commands_program)};
    instance() = std::make_unique<Sandbox>(options);
  }
  return *instance();
}

std::string shared_sandbox_name() { return instance() ? instance()->machine_name() : std::string(); }

ScenarioRunner& shared_runner() {
  if (!runner_instance()) runner_instance() = std::make_unique<ScenarioRunner>(shared_sandbox());
  return *runner_instance();
}

}  // namespace ctrlab::runner::testing
