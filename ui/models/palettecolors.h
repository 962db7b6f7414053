#pragma once

#include "base/captureevent.h"

#include <QColor>
#include <QPalette>

namespace sockscope {

// Colours for meaning (direction, error, warning) are mixed from the current
// palette and a hue, so that they keep their contrast under dark themes too.
QColor blend(const QColor& from, const QColor& to, qreal amount);

QColor directionForeground(const QPalette& palette, Direction dir);
QColor directionBackground(const QPalette& palette, Direction dir);
QColor errorForeground(const QPalette& palette);
QColor successForeground(const QPalette& palette); // a check that held
QColor errorBackground(const QPalette& palette);
QColor warningBackground(const QPalette& palette);
QColor infoBackground(const QPalette& palette);
QColor freshRowBackground(const QPalette& palette, qreal strength);
// Rows that are over (closed, failed): quieter than the open ones, yet
// readable (WCAG AA) on the base and on a fresh row's glow; the palette's
// disabled text was 1.8:1 and unreadable on the glow.
QColor closedRowText(const QPalette& palette);

} // namespace sockscope
