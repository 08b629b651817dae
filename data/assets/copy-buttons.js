document.querySelectorAll('.code').forEach(function(d){
	var b=document.createElement('button'),p=d.querySelector('pre');
	if(!p||!navigator.clipboard)return;
	d.classList.add('copyable');
	b.type='button';
	b.className='copy';
	b.textContent='Copy';
	b.addEventListener('click',function(){
		navigator.clipboard.writeText(p.textContent).then(function(){
			b.textContent='Copied';
			setTimeout(function(){b.textContent='Copy'},1500)
		})
	});
	d.appendChild(b)
});
