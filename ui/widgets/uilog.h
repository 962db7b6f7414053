#pragma once

#include <QLoggingCategory>

namespace sockscope {

// The window's diagnostics: what was opened, exported, recorded, and why
// something failed. Warnings show by default; enable the rest with
// QT_LOGGING_RULES="sockscope.ui.info=true" (or ".debug"). Payload bytes are
// logged only at debug level: they may be secrets.
Q_DECLARE_LOGGING_CATEGORY(lcUi)

} // namespace sockscope
