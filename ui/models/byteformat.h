#pragma once

#include <QString>

namespace sockscope {

// Binary units with one decimal, in the locale's digits and Qt's translated
// unit names: "0 bytes", "512 bytes", "1.5 KiB", "1.5 MiB", "2.0 GiB".
QString formatBytes(qint64 bytes);

} // namespace sockscope
