#pragma once

#include <QString>

namespace sockscope {

// Writes the local CA's certificate (made first if there is none yet) as PEM
// to path, atomically (--export-ca, and the window's Export CA action).
bool exportLocalCa(const QString& path, QString* error);

} // namespace sockscope
