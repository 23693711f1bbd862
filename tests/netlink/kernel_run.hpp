#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/observation.hpp"
#include "ctrlab/runner/netlink.hpp"

// A rendering played against the real kernel in throwaway network namespaces, the way a
// container's start plays it: preStart on the "host", nspawn's links (made here from
// plan_nspawn_network, standing in for nspawn), the container init's commands (`bash -e`),
// then postStart (`bash -e`); a unit that fails takes its container namespace with it.
// Every command goes through the netlink layer; the host's own namespace is never touched.
namespace ctrlab::testing {

class KernelRun {
 public:
  KernelRun(const oracle::Prediction& rendering, const oracle::HostNetwork& host);

  // Reads every namespace back, with the operations each container ran.
  [[nodiscard]] oracle::Observation observe();

 private:
  void create_host_network(const oracle::HostNetwork& host);
  void start(const std::string& name, const oracle::ContainerPrediction& rendering, const oracle::HostNetwork& host);
  bool run_script(runner::RouteSocket& socket, const std::optional<std::vector<oracle::Argv>>& commands,
                  oracle::OperationStage stage, bool failures_ignored, std::vector<oracle::OperationRecord>& records);

  runner::NetworkNamespace host_space_;
  runner::RouteSocket host_;
  struct Container {
    std::unique_ptr<runner::NetworkNamespace> space;
    std::unique_ptr<runner::RouteSocket> socket;
  };
  std::map<std::string, Container> containers_;
  std::map<std::string, std::vector<oracle::OperationRecord>> operations_;
};

}  // namespace ctrlab::testing
