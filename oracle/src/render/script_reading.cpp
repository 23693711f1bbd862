#include "render/script_reading.hpp"

#include <utility>

#include "effects/enum_names.hpp"
#include "shell/bash_syntax.hpp"

namespace ctrlab::oracle {

namespace {

constexpr std::pair<UnitScript, std::string_view> script_names[] = {
    {UnitScript::pre_start, "preStart"},
    {UnitScript::start, "start"},
    {UnitScript::container_init, "containerInit"},
    {UnitScript::post_start, "postStart"},
};

}  // namespace

std::string_view to_string(UnitScript script) { return enum_names::name_of(script_names, script); }
std::optional<UnitScript> parse_unit_script(std::string_view name) { return enum_names::value_of(script_names, name); }

const ScriptSyntaxError* syntax_error_in(const ContainerPrediction& container, UnitScript script) {
  for (const auto& error : container.syntaxErrors) {
    if (error.script == script) return &error;
  }
  return nullptr;
}

namespace render {

bool ScriptReading::reads(std::string_view source, const std::string& option) {
  if (stopped_) return false;
  auto problem = shell::syntax_error(source);
  if (!problem) return true;
  stopped_ = true;
  errors_.push_back({script_, option, std::move(*problem)});
  return false;
}

}  // namespace render
}  // namespace ctrlab::oracle
