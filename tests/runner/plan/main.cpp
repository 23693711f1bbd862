#define BOOST_TEST_MODULE runner_plan
#include <boost/test/unit_test.hpp>
