(function(){
	'use strict';
	function $(id){return document.getElementById(id)}
	var f={provider:$('filter-provider'),status:$('filter-status'),q:$('filter-q')},
		keys=['provider','status','q'],
		rows=[].slice.call(document.querySelectorAll('tr.model')),
		params=new URLSearchParams(location.search);
	keys.forEach(function(k){
		var v=params.get(k),o;
		if(v===null)return;
		if(f[k].tagName==='SELECT'&&![].some.call(f[k].options,function(o){return o.value===v})){
			o=document.createElement('option');
			o.value=v;
			o.textContent=v;
			f[k].appendChild(o)
		}
		f[k].value=v
	});
	function apply(){
		var p=f.provider.value,s=f.status.value,q=f.q.value.trim().toLowerCase(),n=0;
		rows.forEach(function(r){
			var show=(!p||r.dataset.provider===p)&&
				(!s||r.dataset.status===s)&&
				(!q||r.dataset.search.indexOf(q)!==-1);
			r.hidden=!show;
			if(show)n++
		});
		$('count').textContent=String(n);
		$('empty').hidden=n!==0
	}
	function remember(){
		var u=new URLSearchParams(location.search),s;
		keys.forEach(function(k){
			var v=f[k].value.trim();
			if(v)u.set(k,v);else u.delete(k)
		});
		s=u.toString();
		history.replaceState(null,'',location.pathname+(s?'?'+s:''))
	}
	keys.forEach(function(k){
		f[k].addEventListener(k==='q'?'input':'change',function(){apply();remember()})
	});
	$('filters').addEventListener('submit',function(e){e.preventDefault()});
	apply()
})();
