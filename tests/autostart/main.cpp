#define BOOST_TEST_MODULE autostart
#include <boost/test/unit_test.hpp>
