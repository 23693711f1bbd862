#include "shared_sandbox.hpp"

#include <boost/test/unit_test.hpp>
#include <memory>

#include "ctrlab/runner/tools.hpp"

namespace ctrlab::runner::testing {
namespace {

std::unique_ptr<Sandbox>& instance() {
  static std::unique_ptr<Sandbox> sandbox;
  return sandbox;
}

struct TakeDownAtEnd {
  TakeDownAtEnd() = default;
  ~TakeDownAtEnd() { instance().reset(); }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(TakeDownAtEnd);

Sandbox& shared_sandbox() {
  if (!instance()) {
    SandboxOptions options;
    options.tools = {tools::locate(tools::probe_program), tools::locate(tools::ip_program)};
    instance() = std::make_unique<Sandbox>(options);
  }
  return *instance();
}

}  // namespace ctrlab::runner::testing
