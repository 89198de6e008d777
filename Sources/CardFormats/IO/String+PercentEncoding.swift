import CardModel

extension String {
    /// Percent-decoding that leaves malformed sequences as they are instead of failing.
    var removingPercentEncodingLeniently: String {
        guard containsByte(UInt8(ascii: "%")) else { return self }
        var bytes: [UInt8] = []
        let source = Array(utf8)
        var i = 0
        while i < source.count {
            if source[i] == UInt8(ascii: "%"), i + 2 < source.count,
               let byte = UInt8(String(decoding: source[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(byte)
                i += 3
            } else {
                bytes.append(source[i])
                i += 1
            }
        }
        return TextDecoding.decode(bytes).text
    }
}
