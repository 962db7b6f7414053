#pragma once

#include <QString>

namespace sockscope {

// Where the file dialogs for session files (export, record, open) start:
// the folder the user last picked for any of them, else Documents/SockScope,
// so that a person finds their sessions in one place.
QString sessionFolder();
void rememberSessionFolder(const QString& filePath);
// "session-20261125-124726.jsonl": a new name each second, so that a
// default never overwrites the previous session.
QString suggestedSessionFileName(const QString& suffix);

} // namespace sockscope
