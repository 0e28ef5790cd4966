/* A small vsnprintf. Output goes through struct out so that a too-small buffer
 * truncates cleanly while the full length is still counted. */
#include "printf.h"
#include <stdbool.h>
#include <stdint.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void
out_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

struct spec {
	bool left;
	bool zero;
	unsigned width;
};

static void
out_padded(struct out *o, const struct spec *sp, const char *s, size_t n)
{
	size_t pad = sp->width > n ? sp->width - n : 0;
	char fill = sp->zero && !sp->left ? '0' : ' ';
	size_t i = 0;
	/* A zero-padded negative number keeps its sign in front of the zeros. */
	if (fill == '0' && n && s[0] == '-') {
		out_char(o, '-');
		i = 1;
	}
	if (!sp->left)
		while (pad--)
			out_char(o, fill);
	for (; i < n; i++)
		out_char(o, s[i]);
	if (sp->left)
		while (pad--)
			out_char(o, ' ');
}

static void
out_number(struct out *o, const struct spec *sp, uint64_t v, bool negative, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	size_t n = sizeof(tmp);
	do {
		tmp[--n] = digits[v % base];
		v /= base;
	} while (v);
	if (negative)
		tmp[--n] = '-';
	out_padded(o, sp, tmp + n, sizeof(tmp) - n);
}

static const char *
parse_spec(const char *f, struct spec *sp)
{
	*sp = (struct spec){ 0 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (unsigned)(*f++ - '0');
	return f;
}

int
kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			out_char(&o, *f);
			continue;
		}
		struct spec sp;
		f = parse_spec(f + 1, &sp);
		int longs = 0;
		while (*f == 'l' || *f == 'z') {
			longs += *f == 'z' ? 2 : 1;
			f++;
		}
		switch (*f) {
		case 'd':
		case 'i': {
			int64_t v = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
			uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
			out_number(&o, &sp, mag, v < 0, 10, false);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			uint64_t v = longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
			out_number(&o, &sp, v, false, *f == 'u' ? 10 : 16, *f == 'X');
			break;
		}
		case 'p': {
			uintptr_t v = (uintptr_t)va_arg(ap, void *);
			out_char(&o, '0');
			out_char(&o, 'x');
			out_number(&o, &sp, v, false, 16, false);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			size_t n = 0;
			while (s[n])
				n++;
			out_padded(&o, &sp, s, n);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			out_padded(&o, &sp, &c, 1);
			break;
		}
		case '%':
			out_char(&o, '%');
			break;
		case '\0':
			f--; /* a lone '%' at the end prints nothing */
			break;
		default:
			out_char(&o, '%');
			out_char(&o, *f);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int
ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
