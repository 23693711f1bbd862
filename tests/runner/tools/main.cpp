#define BOOST_TEST_MODULE runner_tools
#include <boost/test/unit_test.hpp>
