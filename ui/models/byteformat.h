#pragma once

#include <QString>

namespace sockscope {

// Binary units with one decimal: "0 B", "512 B", "1.5 KiB", "1.5 MiB", "2.0 GiB".
QString formatBytes(qint64 bytes);

} // namespace sockscope
