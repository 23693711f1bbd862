#pragma once

#include <string_view>

// The module's indented strings per revision (the text between '' and ''), as templates.
namespace ctrlab::oracle::render::module_text {

extern const std::string_view env_file_2018;
extern const std::string_view env_file_2021;
extern const std::string_view init_extra_veth_2018;
extern const std::string_view init_extra_veth_2021;
extern const std::string_view container_init_2018;
extern const std::string_view container_init_2021;
extern const std::string_view reload_container_2018;
extern const std::string_view reload_container_2021;

}  // namespace ctrlab::oracle::render::module_text
