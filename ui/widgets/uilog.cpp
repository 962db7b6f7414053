#include "uilog.h"

namespace sockscope {

Q_LOGGING_CATEGORY(lcUi, "sockscope.ui", QtWarningMsg)

} // namespace sockscope
