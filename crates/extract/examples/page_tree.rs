//! Print the element tree of an HTML page as the native finder sees it (after pre-cleaning):
//! every element holding at least MIN characters of text, with its tag, class/id names,
//! hidden flag and text size, indented by depth. A debugging aid for extraction failures:
//! `cargo run -p armsgraph-extract --example page_tree -- page.html [MIN]`.

use armsgraph_extract::html::{Page, Tag, HIDDEN};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: page_tree PAGE.html [MIN_CHARS]")?;
    let min: usize = args.next().map(|m| m.parse()).transpose()?.unwrap_or(200);
    let bytes = std::fs::read(&path)?;
    let html = String::from_utf8_lossy(&bytes);
    let clean = armsgraph_extract::preclean::clean(&html);
    let page = Page::parse(&clean);
    let n = page.nodes.len() as u32;
    let mut chars = vec![0usize; n as usize];
    for i in (1..n).rev() {
        let node = page.node(i);
        if node.tag == Tag::Text {
            chars[i as usize] += page.text_of(i).chars().count();
        }
        if (node.parent as usize) < chars.len() {
            chars[node.parent as usize] += chars[i as usize];
        }
    }
    println!("{} nodes, body {:?}, title {:?}", n, page.body, page.title);
    let mut depth = vec![0usize; n as usize];
    for i in 1..n {
        let node = page.node(i);
        let p = node.parent as usize;
        depth[i as usize] = if p < depth.len() { depth[p] + 1 } else { 0 };
        if node.tag == Tag::Text || chars[i as usize] < min {
            continue;
        }
        let own: String = page
            .children(i)
            .filter(|&c| page.node(c).tag == Tag::Text)
            .map(|c| page.text_of(c))
            .collect::<String>();
        let own: String = own.trim().chars().take(60).collect();
        println!(
            "{:indent$}#{i} {:?} [{}]{} {} chars {}",
            "",
            node.tag,
            page.marks_of(i),
            if node.flags & HIDDEN != 0 {
                " HIDDEN"
            } else {
                ""
            },
            chars[i as usize],
            own,
            indent = depth[i as usize].min(40) * 2
        );
    }
    Ok(())
}
