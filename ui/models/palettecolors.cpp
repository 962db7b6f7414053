#include "models/palettecolors.h"

namespace sockscope {

namespace {
const QColor kInHue(0x1f, 0x6f, 0xd1);  // blue: what the peer said
const QColor kOutHue(0xd0, 0x5a, 0x10); // orange: what SockScope said
const QColor kErrorHue(0xd0, 0x20, 0x20);
const QColor kWarningHue(0xf0, 0xb0, 0x20);
const QColor kSuccessHue(0x20, 0x90, 0x40);

const QColor& hueOf(Direction dir) {
    return dir == Direction::Out ? kOutHue : kInHue;
}
} // namespace

QColor blend(const QColor& from, const QColor& to, qreal amount) {
    const qreal keep = 1.0 - amount;
    return QColor::fromRgbF(float(from.redF() * keep + to.redF() * amount),
                            float(from.greenF() * keep + to.greenF() * amount),
                            float(from.blueF() * keep + to.blueF() * amount));
}

QColor directionForeground(const QPalette& palette, Direction dir) {
    if (dir == Direction::None)
        return palette.color(QPalette::Text);
    return blend(palette.color(QPalette::Text), hueOf(dir), 0.7);
}

QColor directionBackground(const QPalette& palette, Direction dir) {
    if (dir == Direction::None)
        return palette.color(QPalette::Base);
    return blend(palette.color(QPalette::Base), hueOf(dir), 0.12);
}

QColor errorForeground(const QPalette& palette) {
    return blend(palette.color(QPalette::Text), kErrorHue, 0.75);
}

QColor successForeground(const QPalette& palette) {
    return blend(palette.color(QPalette::Text), kSuccessHue, 0.8);
}

QColor errorBackground(const QPalette& palette) {
    return blend(palette.color(QPalette::Base), kErrorHue, 0.16);
}

QColor warningBackground(const QPalette& palette) {
    return blend(palette.color(QPalette::Window), kWarningHue, 0.3);
}

QColor infoBackground(const QPalette& palette) {
    return blend(palette.color(QPalette::Window), palette.color(QPalette::Highlight), 0.2);
}

QColor freshRowBackground(const QPalette& palette, qreal strength) {
    return blend(palette.color(QPalette::Base), palette.color(QPalette::Highlight), 0.3 * strength);
}

QColor closedRowText(const QPalette& palette) {
    return blend(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.7);
}

} // namespace sockscope
