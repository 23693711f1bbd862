#pragma once

#include <set>
#include <string>
#include <string_view>

#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/nspawn_effects.hpp"
#include "ctrlab/oracle/prediction.hpp"

// What a fresh container root holds when nspawn starts on it, and what nspawn's own mounts
// (mount_all() in v252) make of that.
namespace ctrlab::oracle {

// The top-level directories of `root` that the unit's scripts make before nspawn runs (the
// `mkdir` commands of preStart and of the start script), e.g. {"etc", "var", "root"}. A fresh
// root has nothing else.
[[nodiscard]] std::set<std::string> root_directories_made(const ContainerPrediction& rendering, std::string_view root);

// nspawn's tmpfs on /tmp. base_filesystem_create() makes usr, var, etc, root, proc, sys, dev
// and run in the root, but not tmp; mount_all() makes each mount point it lacks, except that
// with --read-only (and no --volatile) the root is already read-only by then: the mkdir fails,
// and so does the mount, fatally ("Failed to mount tmpfs ... on ROOT/tmp ...: No such file or
// directory"; nspawn exits 1).
[[nodiscard]] CommandOutcome mount_tmp(const NspawnRootPlan& root, const std::set<std::string>& root_directories);

}  // namespace ctrlab::oracle
