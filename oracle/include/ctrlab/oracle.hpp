#pragma once

// The oracle's public interface in one include: the scenario model and its parser, the
// module revisions, and the predictions (what the NixOS container module renders).
#include "ctrlab/oracle/address.hpp"
#include "ctrlab/oracle/behaviour.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"
#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "ctrlab/oracle/summary.hpp"
#include "ctrlab/oracle/unit_history.hpp"
