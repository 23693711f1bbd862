#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "ctrlab/autostart/bench.hpp"

// What `ctrlab bench autostart` writes: bench.json (and, with --json, the same object on
// stdout) and bench.html, whose ready-over-time curves (measured, predicted, bare) are inline SVG.
namespace ctrlab::autostart {

// Times in seconds (null where unset): "measured", "bootFinished", "bare", "predicted" each
// {p50, p90, p99, max, allReady} (medians over the repeats), "errorPercent" with the same keys
// (predicted against measured), the counts, the machine's load, and every repeat's per-container
// times for the curves.
[[nodiscard]] nlohmann::json bench_document(const BenchRun& run);

// A page that shows everything bench_document() holds, without scripts or anything fetched.
[[nodiscard]] std::string bench_page(const BenchRun& run);

}  // namespace ctrlab::autostart
