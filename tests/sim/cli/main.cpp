#define BOOST_TEST_MODULE sim_cli
#include <boost/test/unit_test.hpp>
