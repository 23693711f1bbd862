#pragma once

#include <optional>

#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "render/module_revision.hpp"

// The module refusing a value its option's type does not take (2025: ports, privateUsers,
// localMacAddress, networkNamespace), where the module reads the option.
namespace ctrlab::oracle::render {

struct ContainerConfig;

// networkNamespace (types.nullOr types.path), which the assertions read before anything else.
[[nodiscard]] std::optional<ModuleError> network_namespace_type_refusal(const ModuleRevision& module,
                                                                        const ContainerSpec& spec);
// The others, which the env file reads.
[[nodiscard]] std::optional<ModuleError> option_type_refusal(const ModuleRevision& module, const ContainerConfig& cfg);

}  // namespace ctrlab::oracle::render
