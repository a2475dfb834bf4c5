/** The failure picture drawn as inline SVG, for scenario attachments and the kit's pages. */
package xmemck.picture;
